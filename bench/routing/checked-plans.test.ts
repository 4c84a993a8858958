import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckedCascade } from '../../src/routing/learned/learned-router.js';
import { checkedPlans, checkedRoutes } from './checked-plans.js';

const [first, second] = checkedPlans(['small', 'mate'], 'big') as [CheckedCascade, CheckedCascade];

test('the pair gives two checked cascades, one per order, each a cascade route over the replay provider', () => {
  assert.deepEqual(
    [first.first, first.partner, second.first, second.partner],
    ['small', 'mate', 'mate', 'small'],
  );
  assert.deepEqual(checkedRoutes([first]), {
    'checked-1': {
      cascade: [
        {
          use: 'replay/small',
          verifiers: [{ type: 'self_consistency', models: ['replay/mate'], threshold: 1 }],
        },
        { use: 'replay/big' },
      ],
    },
  });
});
