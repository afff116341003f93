import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../../../shared/operation';

// Placeholder until the Recording operations land: the resource is wired into the node and router.
export const operations: Record<string, OperationModule> = {};

export const description: INodeProperties[] = [];
