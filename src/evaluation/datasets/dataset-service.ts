import { StrataError } from '../../core/errors.js';
import type {
  DatasetItemRecord,
  DatasetRecord,
  DatasetsRepository,
  NewDatasetItem,
} from '../../store/datasets-repository.js';
import { type DatasetFormat, formatDataset, parseDatasetFile } from './dataset-file.js';
import { itemsFromTraffic, type TrafficFilter, type TrafficSources } from './items-from-traffic.js';

/** Datasets for experiments: create, import, add from traffic, read a version, export. */
export interface DatasetService {
  create(name: string, description?: string): Promise<DatasetRecord>;
  list(): Promise<DatasetRecord[]>;
  /** The dataset; `not_found` when there is none. */
  get(name: string): Promise<DatasetRecord>;
  delete(name: string): Promise<void>;
  /** Adds or replaces items as one new version. */
  put(name: string, items: readonly NewDatasetItem[]): Promise<{ version: number; added: number }>;
  /** Parses a JSONL or CSV file and adds its items as one new version. */
  import(name: string, text: string, format: DatasetFormat): Promise<{ version: number; added: number }>;
  /** Adds logged calls that match the filter as one new version. */
  fromTraffic(
    name: string,
    filter: TrafficFilter,
  ): Promise<{ version: number; added: number; skipped: number }>;
  remove(name: string, keys: readonly string[]): Promise<{ version: number; removed: number }>;
  /** The items of a version (default the current one). */
  items(name: string, version?: number): Promise<DatasetItemRecord[]>;
  export(name: string, format: DatasetFormat, version?: number): Promise<string>;
}

/** Names a dataset may have: they appear in URLs and file names. */
const namePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Builds the dataset service on its repository and, for items from traffic, the logs. */
export function createDatasetService(
  repository: DatasetsRepository,
  traffic: TrafficSources,
): DatasetService {
  async function existing(name: string): Promise<DatasetRecord> {
    const dataset = await repository.get(name);
    if (!dataset) throw new StrataError('not_found', `There is no dataset \`${name}\`.`, { param: 'name' });
    return dataset;
  }
  async function put(name: string, items: readonly NewDatasetItem[]) {
    await existing(name);
    const { version, keys } = await repository.put(name, items);
    return { version, added: keys.length };
  }
  return {
    async create(name, description = '') {
      if (!namePattern.test(name)) {
        throw new StrataError(
          'invalid_request',
          'A dataset name is 1–100 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
          { param: 'name' },
        );
      }
      if (!(await repository.create(name, description)))
        throw new StrataError('invalid_request', `A dataset \`${name}\` already exists.`, { param: 'name' });
      return existing(name);
    },
    list: () => repository.list(),
    get: existing,
    async delete(name) {
      if (!(await repository.delete(name)))
        throw new StrataError('not_found', `There is no dataset \`${name}\`.`, { param: 'name' });
    },
    put,
    async import(name, text, format) {
      return put(name, parseDatasetFile(text, format));
    },
    async fromTraffic(name, filter) {
      await existing(name);
      const { items, skipped } = await itemsFromTraffic(traffic, filter);
      const { version, added } = await put(name, items);
      return { version, added, skipped };
    },
    async remove(name, keys) {
      await existing(name);
      return repository.remove(name, keys);
    },
    async items(name, version) {
      const dataset = await existing(name);
      if (version !== undefined && version > dataset.version)
        throw new StrataError(
          'not_found',
          `Dataset \`${name}\` has no version ${version} (latest ${dataset.version}).`,
          {
            param: 'version',
          },
        );
      return repository.items(name, version);
    },
    async export(name, format, version) {
      return formatDataset(await this.items(name, version), format);
    },
  };
}
