// Reads resource and operation once and dispatches to the operation's own file.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ResourceMap } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as call from './call';
import * as recording from './recording';

export const resources: ResourceMap = {
	call: call.operations,
	recording: recording.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
