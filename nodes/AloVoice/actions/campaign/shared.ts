// What Create and Get share: checking that the PBX answered with a campaign object.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export function campaignObject(this: IExecuteFunctions, answer: unknown, action: string): IDataObject {
	if (answer && typeof answer === 'object' && !Array.isArray(answer)) return answer as IDataObject;
	const shown = JSON.stringify(answer) ?? String(answer);
	throw new NodeApiError(this.getNode(), { message: 'not a campaign' }, {
		message: `AloVoice answered without a campaign while ${action}`,
		description: `The PBX answered: ${shown.length > 200 ? `${shown.slice(0, 200)}…` : shown}`,
	});
}
