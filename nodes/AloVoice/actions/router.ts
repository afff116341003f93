// Reads resource and operation once and dispatches to the operation's own file.
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ResourceMap } from '../../shared/router';
import { routeOperation } from '../../shared/router';
import * as call from './call';
import * as campaign from './campaign';
import * as extension from './extension';
import * as line from './line';
import * as recording from './recording';
import * as speechAnalytics from './speechAnalytics';

export const resources: ResourceMap = {
	campaign: campaign.operations,
	call: call.operations,
	extension: extension.operations,
	line: line.operations,
	recording: recording.operations,
	speechAnalytics: speechAnalytics.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await routeOperation.call(this, resources);
}
