/** A document to store: its text (markdown-like or plain), and what to say about it. */
export interface DocumentInput {
  id: string;
  text: string;
  title?: string | null;
  source?: string;
  metadata?: Record<string, unknown>;
  structure?: 'markdown' | 'plain';
}

/** What an upsert did to one document. */
export type UpsertOutcome = 'created' | 'updated' | 'unchanged';
