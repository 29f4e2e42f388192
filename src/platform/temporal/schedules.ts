import type { Client } from '@temporalio/client';
import type { Logger } from '../logging.ts';

/** Recurring workflows of the hub, created once (an existing schedule is left as the operator set it). */
export async function ensureSchedules(_client: Client, _taskQueue: string, _logger: Logger): Promise<void> {}
