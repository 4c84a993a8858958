import { createModelRegistry } from '../models/model-registry.js';
import { buildProviders } from '../pipeline/providers.js';
import { loadConfigOrFail } from './common.js';

/** `strata models`: the providers configured and the model names clients can send. */
export async function modelsCommand(options: { config?: string; json: boolean }): Promise<void> {
  const { config, environment } = await loadConfigOrFail(options.config);
  const providers = buildProviders(config, environment);
  const models = createModelRegistry({ providers, models: config.models, aliases: config.aliases }).list();
  if (options.json) {
    console.log(
      JSON.stringify({ providers: [...providers.values()].map((p) => ({ id: p.id, kind: p.kind })), models }),
    );
    return;
  }
  if (providers.size === 0) {
    console.log(
      'No providers configured. Set OPENAI_API_KEY (or another provider key) or add providers to strata.yaml.',
    );
    return;
  }
  console.log('Providers (any of their models is reachable as provider/model):');
  for (const provider of providers.values()) console.log(`  ${provider.id}  (${provider.kind})`);
  if (models.length > 0) {
    console.log('\nModels and aliases:');
    for (const model of models) console.log(`  ${model.name}  ->  ${model.provider}/${model.model}`);
  }
}
