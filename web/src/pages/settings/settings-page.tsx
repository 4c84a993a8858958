import { CopyButton } from '../../components/copy-button.js';
import { LoadedView } from '../../components/loaded-view.js';
import { ProviderHealthTable } from '../../components/provider-health-table.js';
import { useSignedIn } from '../../signed-in.js';
import { useLoad } from '../../use-load.js';

const storeNames = { sqlite: 'SQLite', postgres: 'PostgreSQL' } as const;

/** The gateway as it runs: version, store, providers with their health, and the effective config. */
export default function SettingsPage() {
  const { api } = useSignedIn();
  const loaded = useLoad(() => Promise.all([api.settings(), api.providers()]), [api]);
  return (
    <>
      <h1>Settings</h1>
      <LoadedView loaded={loaded}>
        {([settings, providers]) => {
          const config = JSON.stringify(settings.config, null, 2);
          return (
            <>
              <dl className="facts" aria-label="Gateway">
                <dt>Version</dt>
                <dd>{settings.version}</dd>
                <dt>Store</dt>
                <dd>{storeNames[settings.store.kind]}</dd>
                <dt>Providers</dt>
                <dd>{providers.length}</dd>
              </dl>
              <section aria-labelledby="providers-heading">
                <h2 id="providers-heading">Providers</h2>
                <ProviderHealthTable providers={providers} />
              </section>
              <section aria-labelledby="config-heading">
                <h2 id="config-heading">Effective config</h2>
                <p className="hint">
                  The config as loaded, with defaults filled in and the environment applied. Keys, tokens,
                  header values and URL passwords are shown as <code>REDACTED</code>. Change it in{' '}
                  <code>strata.yaml</code> and restart.
                </p>
                <CopyButton text={config} label="Copy the config" />
                {/* Long URLs wrap rather than scroll: a scrolling block would need keyboard focus. */}
                <pre style={{ overflowWrap: 'anywhere' }}>
                  <code>{config}</code>
                </pre>
              </section>
            </>
          );
        }}
      </LoadedView>
    </>
  );
}
