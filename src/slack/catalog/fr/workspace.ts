import type { WorkspaceWords } from '../sections/workspace.js';

export const frWorkspace: WorkspaceWords = {
  refusalTitle: () => 'Export de chat RGPD',
  otherWorkspace: () => 'Ce bot d’export RGPD est réservé à un autre espace de travail Slack : il ne peut pas traiter de demandes venant d’ici.',
};
