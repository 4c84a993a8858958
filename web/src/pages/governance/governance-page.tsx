import { useSignedIn } from '../../signed-in.js';
import { AuditSection } from './audit-section.js';
import { RolesSection } from './roles-section.js';
import { TeamsSection } from './teams-section.js';
import { UsersSection } from './users-section.js';

/** Who may do what: users and service accounts, teams, the role table and the audit log. */
export default function GovernancePage() {
  const { role, permissions } = useSignedIn();
  const may = (permission: string) => role === 'master' || permissions.includes(permission);
  return (
    <>
      <h1>Governance</h1>
      <UsersSection canWrite={may('users:write')} />
      <TeamsSection canWrite={may('users:write')} />
      <RolesSection />
      {may('audit:read') && <AuditSection />}
    </>
  );
}
