// The pure parts of Campaign → Create: the recipients' rows from the input items and the
// multipart body of /mapi/addAutorule. No n8n here, so a unit test needs none.
import type { IBinaryData, IDataObject } from 'n8n-workflow';

import { checkAloVoicePhone } from '../../shared/phone';
import { valueAtPath } from './campaign';
import { csvText } from './csv';

/** An input item left out of the CSV because its number is not valid. */
export interface Skipped {
	item: number;
	value: string;
	reason: string;
}

/** The campaign's window and dialling settings, read and checked from the first item. */
export interface CampaignSettings {
	name: string;
	from: string;
	to: string;
	fromTime: string;
	toTime: string;
	timeZone: string;
	trunks: string[];
	maxLines: number;
	goodTime: number;
	attempts: number;
	paused: boolean;
}

/** "name, contract.amount" as the list of fields written after the phone number. */
export function extraColumnsOf(text: unknown): string[] {
	return String(text ?? '')
		.split(',')
		.map((column) => column.trim())
		.filter((column) => column !== '');
}

/**
 * One CSV row per item with a valid number (the number, then the extra columns), and the items
 * whose number is not valid, in input order.
 */
export function recipientRows(
	items: Array<{ json: IDataObject }>,
	phoneField: string,
	extraColumns: string[],
): { rows: unknown[][]; skipped: Skipped[] } {
	const rows: unknown[][] = [];
	const skipped: Skipped[] = [];
	items.forEach(({ json }, index) => {
		const value = valueAtPath(json, phoneField);
		const phone = checkAloVoicePhone(
			value,
			`Phone Field "${phoneField}" of input item ${index} (counting from 0)`,
		);
		if (!phone.ok) {
			skipped.push({ item: index, value: csvText(value), reason: phone.reason });
			return;
		}
		rows.push([phone.value, ...extraColumns.map((column) => valueAtPath(json, column))]);
	});
	return { rows, skipped };
}

/** The multipart body of /mapi/addAutorule, fields in the order the API pages list them. */
export function campaignForm(
	settings: CampaignSettings,
	message: { audio: Buffer; binary: IBinaryData },
	recipients: { csv: Buffer; fileName: string },
): FormData {
	const form = new FormData();
	// An MP3 that came as application/octet-stream is sent as what it is.
	const audioType = message.binary.mimeType?.toLowerCase().startsWith('audio/')
		? message.binary.mimeType
		: 'audio/mpeg';
	const record = new Blob([message.audio], { type: audioType });
	form.append('record', record, message.binary.fileName || 'record.mp3');
	form.append('recipients', new Blob([recipients.csv], { type: 'text/csv' }), recipients.fileName);
	form.append('name', settings.name);
	form.append('from', settings.from);
	form.append('to', settings.to);
	form.append('fromtime', settings.fromTime);
	form.append('totime', settings.toTime);
	form.append('trunks', settings.trunks.join(','));
	form.append('maxline', String(settings.maxLines));
	form.append('goodtime', String(settings.goodTime));
	// The API pages disagree on the attempts field's name (tryes in one, tries in another; the
	// answers say tryes): send both so whichever the PBX reads gets the user's value.
	form.append('tryes', String(settings.attempts));
	form.append('tries', String(settings.attempts));
	form.append('paused', settings.paused ? '1' : '0');
	form.append('timezone', settings.timeZone);
	return form;
}
