// What every PBX trigger needs, naming no provider: reading a body whatever its content type,
// the field reader normalizers are built from, security and the IP allowlist, receiving an
// event, the answer guard, and activation with a hook per provider. A provider's numbers,
// rules and answers live in its own trigger folder.
export * from './activation';
export * from './body';
export * from './events';
export * from './fields';
export * from './guard';
export * from './ip';
export * from './node';
export * from './secrets';
export * from './security';
