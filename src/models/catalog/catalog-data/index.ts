import type { CatalogEntry } from '../catalog-entry.js';
import { anthropicModels } from './anthropic.js';
import { azureModels } from './azure.js';
import { bedrockModels } from './bedrock.js';
import { deepseekModels } from './deepseek.js';
import { fireworksModels } from './fireworks.js';
import { geminiModels } from './gemini.js';
import { groqModels } from './groq.js';
import { mistralModels } from './mistral.js';
import { openaiModels } from './openai.js';
import { openrouterModels } from './openrouter.js';
import { perplexityModels } from './perplexity.js';
import { togetherModels } from './together.js';
import { xaiModels } from './xai.js';

/** Every built-in catalog entry, from each provider's published pricing and model pages. */
export const builtinCatalog: readonly CatalogEntry[] = [
  ...openaiModels,
  ...azureModels,
  ...anthropicModels,
  ...bedrockModels,
  ...geminiModels,
  ...mistralModels,
  ...groqModels,
  ...togetherModels,
  ...deepseekModels,
  ...fireworksModels,
  ...openrouterModels,
  ...xaiModels,
  ...perplexityModels,
];
