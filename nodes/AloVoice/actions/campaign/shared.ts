// What Create and Get share: checking that the PBX answered with a campaign object.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { quoteAnswer } from '../../../shared/http';
import { getAloVoiceCredentials } from '../../transport';

export async function campaignObject(
	this: IExecuteFunctions,
	answer: unknown,
	action: string,
): Promise<IDataObject> {
	if (answer && typeof answer === 'object' && !Array.isArray(answer)) return answer as IDataObject;
	// The answer is quoted the way every transport error is: short, and without the token.
	const { token } = await getAloVoiceCredentials.call(this);
	throw new NodeApiError(
		this.getNode(),
		{ message: 'not a campaign' },
		{
			message: `AloVoice answered without a campaign while ${action}`,
			description: `The PBX answered: ${quoteAnswer(JSON.stringify(answer) ?? String(answer), [token])}`,
		},
	);
}
