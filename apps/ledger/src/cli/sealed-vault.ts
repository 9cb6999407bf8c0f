import type { PersonalDataVault } from '@ledger/privacy';

/**
 * The vault a replay is given: read models are rebuilt from events alone and never see personal
 * data in clear, so any use of it is a fault to report, not a key to ask the auditor for.
 */
export function sealedVault(): PersonalDataVault {
  const refuse = async (): Promise<never> => {
    throw new Error('a replay has no access to personal data: a read model asked the vault during the replay');
  };
  return { seal: refuse, open: refuse, erase: refuse, isErased: refuse };
}
