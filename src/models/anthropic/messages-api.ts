/** A `cache_control` marker as a client wrote it, kept on the converted block. */
export type CacheControl = Record<string, unknown>;

/** Where an image comes from: inline base64 or a URL Anthropic fetches itself. */
export type ImageSource = { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };

/** A content block Strata sends in a request. */
export type RequestBlock = (
  | { type: 'text'; text: string }
  | { type: 'image'; source: ImageSource }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string | RequestBlock[] }
) & { cache_control?: CacheControl };

/** One turn of the `messages` array. */
export interface MessageParam {
  role: 'user' | 'assistant';
  content: RequestBlock[];
}

/** A tool the model may call, in Anthropic's form. */
export interface ToolParam {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
}

/** How the model must pick tools. */
export type ToolChoiceParam =
  | { type: 'auto' | 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'none' }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean };

/** The body of `POST /v1/messages`. */
export interface MessagesBody {
  model: string;
  max_tokens: number;
  messages: MessageParam[];
  system?: string | RequestBlock[];
  tools?: ToolParam[];
  tool_choice?: ToolChoiceParam;
  stop_sequences?: string[];
  temperature?: number;
  top_p?: number;
  metadata?: { user_id: string };
  thinking?: unknown;
  top_k?: unknown;
  stream?: boolean;
}

/** A content block in a response. */
export type ResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'thinking'; thinking: string; signature?: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: string; [key: string]: unknown };

/** Token counts as Anthropic reports them. */
export interface MessagesUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** The body of a non-streaming Messages answer. */
export interface MessagesResponse {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ResponseBlock[];
  stop_reason: string | null;
  stop_sequence?: string | null;
  usage: MessagesUsage;
}

/** True when a parsed body has the shape of a Messages answer. */
export function isMessagesResponse(value: unknown): value is MessagesResponse {
  if (typeof value !== 'object' || value === null) return false;
  const fields: Record<string, unknown> = { ...value };
  return (
    fields.type === 'message' &&
    typeof fields.id === 'string' &&
    Array.isArray(fields.content) &&
    fields.content.every((block) => typeof block === 'object' && block !== null) &&
    typeof fields.usage === 'object' &&
    fields.usage !== null
  );
}
