import { href } from '../../use-hash-route.js';
import { DatasetsList } from './datasets-list.js';
import { ExperimentView } from './experiment-view.js';
import { ExperimentsList } from './experiments-list.js';
import { PromptsList } from './prompts-list.js';

/** `#/evaluation` (datasets, experiments, prompts) and `#/evaluation/experiments/<id>` (one run side by side). */
export default function EvaluationPage({ rest }: { rest: string[] }) {
  const [section, id] = rest;
  if (section === 'experiments' && id) {
    return (
      <>
        <div className="page-heading">
          <a href={href('evaluation')}>Evaluation</a>
        </div>
        <ExperimentView id={id} />
      </>
    );
  }
  return (
    <>
      <div className="page-heading">
        <h1>Evaluation</h1>
      </div>
      <ExperimentsList />
      <DatasetsList />
      <PromptsList />
    </>
  );
}
