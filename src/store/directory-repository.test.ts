import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import type { Store } from './database.js';
import { createDirectoryRepository, type DirectoryRepository } from './directory-repository.js';
import { eachDialect } from './testing/each-dialect.js';

eachDialect('directory repository', (context) => {
  let store: Store;
  let directory: DirectoryRepository;
  before(async () => {
    store = await context.open();
    directory = createDirectoryRepository(store.db);
  });

  it('stores organisations and teams, and refuses a second with the same id', async () => {
    await directory.createOrganisation({ id: 'acme', name: 'Acme', contentRetentionDays: null });
    await directory.createTeam({ id: 'search', name: 'Search', organisationId: 'acme' });
    await directory.createTeam({ id: 'ads', name: 'Ads', organisationId: 'acme' });
    assert.deepEqual(
      (await directory.listTeams()).map((team) => [team.id, team.organisationId]),
      [
        ['ads', 'acme'],
        ['search', 'acme'],
      ],
    );
    await assert.rejects(directory.createTeam({ id: 'ads', name: 'again', organisationId: null }));
    assert.equal((await directory.listOrganisations())[0]?.name, 'Acme');
  });

  it("changes an organisation's content retention, back to the global setting with null", async () => {
    await directory.createOrganisation({ id: 'brief', name: 'Brief', contentRetentionDays: 7 });
    const days = async () =>
      (await directory.listOrganisations()).find((organisation) => organisation.id === 'brief')
        ?.contentRetentionDays;
    assert.equal(await days(), 7);
    assert.equal((await directory.updateOrganisation('brief', { contentRetentionDays: 30 }))?.name, 'Brief');
    assert.equal(await days(), 30);
    await directory.updateOrganisation('brief', { contentRetentionDays: null });
    assert.equal(await days(), null);
    assert.equal(await directory.updateOrganisation('nobody', { name: 'x' }), undefined);
  });

  it('stores users and service accounts with their teams, found by id, team and SSO subject', async () => {
    await directory.createUser({
      id: 'ada',
      kind: 'user',
      name: 'Ada',
      email: 'ada@example.com',
      role: 'member',
      subject: 'https://issuer.example|ada',
      teams: ['search', 'ads'],
      organisationId: 'acme',
    });
    await directory.createUser({
      id: 'svc-indexer',
      kind: 'service',
      name: 'indexer',
      email: null,
      role: 'viewer',
      subject: null,
      teams: ['search'],
      organisationId: null,
    });
    const ada = await directory.getUser('ada');
    assert.deepEqual(ada?.teams, ['ads', 'search']);
    assert.equal(ada?.kind, 'user');
    assert.equal((await directory.findBySubject('https://issuer.example|ada'))?.id, 'ada');
    assert.deepEqual(
      (await directory.listUsers({ team: 'search' })).map((user) => user.id),
      ['ada', 'svc-indexer'],
    );
    assert.deepEqual(
      (await directory.listUsers({ team: 'ads' })).map((user) => user.id),
      ['ada'],
    );
    await assert.rejects(
      directory.createUser({
        id: 'ada-again',
        kind: 'user',
        name: 'Ada',
        email: null,
        role: 'member',
        subject: 'https://issuer.example|ada',
        teams: [],
        organisationId: null,
      }),
      'an SSO subject signs in as one user only',
    );
    assert.equal(await directory.getUser('ada-again'), undefined, 'a failed create leaves nothing behind');
  });

  it('changes a role, teams and disabled state; deletes a user with its memberships', async () => {
    const changed = await directory.updateUser('ada', { role: 'admin', teams: ['ads'], disabled: true });
    assert.equal(changed?.role, 'admin');
    assert.deepEqual(changed?.teams, ['ads']);
    assert.match(changed?.disabledAt ?? '', /^\d{4}-/);
    const enabled = await directory.updateUser('ada', { disabled: false });
    assert.equal(enabled?.disabledAt, null);
    assert.equal(await directory.updateUser('nobody', { role: 'admin' }), undefined);
    assert.equal(await directory.deleteUser('ada'), true);
    assert.equal(await directory.deleteUser('ada'), false);
    assert.deepEqual(
      (await directory.listUsers({ team: 'ads' })).map((user) => user.id),
      [],
    );
  });
});
