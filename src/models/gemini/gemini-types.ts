import type { Json } from '../../core/types.js';

/** One part of a Gemini turn: text, media, a function call or a function result. */
export interface GeminiPart {
  text?: string;
  /** True for a thought summary of a thinking model; never shown as answer text. */
  thought?: boolean;
  inlineData?: { mimeType: string; data: string };
  fileData?: { fileUri: string; mimeType: string };
  functionCall?: { name: string; args?: Record<string, Json>; id?: string };
  functionResponse?: { name: string; response: Record<string, Json> };
}

/** One turn of a Gemini conversation. */
export interface GeminiContent {
  role?: 'user' | 'model';
  parts: GeminiPart[];
}

/** The part of a Gemini schema (an OpenAPI subset) Strata sends. */
export type GeminiSchema = { [key: string]: Json };

/** A function the model may call. */
export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  parameters?: GeminiSchema;
}

/** How the model may call functions. */
export interface GeminiToolConfig {
  functionCallingConfig: { mode: 'AUTO' | 'NONE' | 'ANY'; allowedFunctionNames?: string[] };
}

/** Sampling and output settings of a generateContent call. */
export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  candidateCount?: number;
  seed?: number;
  responseLogprobs?: boolean;
  logprobs?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseMimeType?: string;
  responseSchema?: GeminiSchema;
}

/** The body of `models/{model}:generateContent` and `:streamGenerateContent`. */
export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: GeminiContent;
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] }>;
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
}

/** Token counts Gemini reports for a call. */
export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  totalTokenCount?: number;
}

/** Log probabilities of one candidate. */
export interface GeminiLogprobsResult {
  topCandidates?: Array<{ candidates?: GeminiLogprobsCandidate[] }>;
  chosenCandidates?: GeminiLogprobsCandidate[];
}

/** One token and its log probability. */
export interface GeminiLogprobsCandidate {
  token?: string;
  logProbability?: number;
}

/** One generated answer. */
export interface GeminiCandidate {
  index?: number;
  content?: Partial<GeminiContent>;
  finishReason?: string;
  logprobsResult?: GeminiLogprobsResult;
}

/** The body of a generateContent answer, and of each streamed event. */
export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
}
