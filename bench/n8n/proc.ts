import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times (getconf CLK_TCK; 100 on Linux). */
export const TICK = 100;

/**
 * The fields of one /proc/<pid>/stat after "pid (comm) ", split on spaces. comm may itself
 * contain spaces and ") ", so the split starts after the last ")". Indexes (stat(5) field
 * number minus 3): 0 state, 1 ppid, 2 pgrp, 11 utime, 12 stime, 13 cutime, 14 cstime.
 * undefined when the process has exited meanwhile.
 */
export function procStat(pid: number | string): string[] | undefined {
	let stat: string;
	try {
		stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}
	return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
