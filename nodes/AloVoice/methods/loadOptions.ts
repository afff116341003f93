import type { ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { aloVoiceRequest } from '../transport';
import { toStringList } from '../helpers/values';

export const loadOptions = {
	async getLines(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const answer = await aloVoiceRequest.call(this, {
			method: 'GET',
			endpoint: '/mapi/getMyTrunks',
			auth: 'bearer',
			action: 'loading the lines',
		});
		return toStringList(answer, 'the list of lines').map((line) => ({ name: line, value: line }));
	},

	async getExtensions(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const answer = await aloVoiceRequest.call(this, {
			method: 'GET',
			endpoint: '/getpeers/{token}',
			auth: 'pathAndHeader',
			action: 'loading the extensions',
		});
		if (!Array.isArray(answer)) return [];
		return (answer as Array<{ number?: unknown; username?: unknown }>).map((peer) => ({
			name: peer.username
				? `${String(peer.number)} (${String(peer.username)})`
				: String(peer.number),
			value: String(peer.number),
		}));
	},
};
