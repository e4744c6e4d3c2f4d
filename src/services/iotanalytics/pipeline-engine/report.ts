// What happened in each activity of a run: counts, and the problems that
// dropped or left a message unchanged without failing the batch. AWS dropped
// such messages silently (apart from metrics and ERROR logs); we say why.
import type { PipelineActivity } from '@aws-sdk/client-iotanalytics';

export type ActivityType = keyof PipelineActivity;

export interface ActivityNote {
  message: string;
  /** How many messages it happened to. */
  count: number;
}

export interface ActivityReport {
  name: string;
  type: ActivityType;
  messagesIn: number;
  messagesOut: number;
  notes: ActivityNote[];
}

/** Collects notes, each distinct text once with a count, so a batch of 1000 bad messages makes one note. */
export class Notes {
  private readonly counts = new Map<string, number>();

  add(message: string): void {
    this.counts.set(message, (this.counts.get(message) ?? 0) + 1);
  }

  list(): ActivityNote[] {
    return [...this.counts].map(([message, count]) => ({ message, count }));
  }
}

export function formatNote(note: ActivityNote): string {
  return note.count === 1 ? note.message : `${note.message} (${note.count} messages)`;
}
