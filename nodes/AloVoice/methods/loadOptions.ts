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
};
