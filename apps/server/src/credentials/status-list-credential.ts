import { BitstringStatusList } from './credential-libraries.ts';
import { VC_V2_CONTEXT } from './document-loader.ts';
import { STATUS_LIST_LENGTH, statusListPosition } from './status-list-position.ts';

/**
 * The unsigned `BitstringStatusListCredential` of one list: a bit set for each revoked
 * issuance among the indexes it covers.
 */
export async function buildStatusListCredential(options: {
  listUrl: string;
  issuerDid: string;
  revokedIndexes: readonly number[];
}): Promise<Record<string, unknown>> {
  const list = new BitstringStatusList({ length: STATUS_LIST_LENGTH });
  for (const index of options.revokedIndexes) list.setStatus(statusListPosition(index).bit, true);
  return {
    '@context': [VC_V2_CONTEXT],
    id: options.listUrl,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: options.issuerDid,
    credentialSubject: {
      id: `${options.listUrl}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      encodedList: await list.encode(),
    },
  };
}
