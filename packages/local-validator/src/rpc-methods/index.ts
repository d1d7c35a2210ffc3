import type { RpcMethodTable } from '../rpc-context.ts';
import { accountMethods } from './account-methods.ts';
import { clusterMethods } from './cluster-methods.ts';
import { historyMethods } from './history-methods.ts';
import { tokenMethods } from './token-methods.ts';
import { transactionMethods } from './transaction-methods.ts';

/** Every JSON-RPC method the local validator answers. */
export const rpcMethods: RpcMethodTable = {
  ...clusterMethods,
  ...accountMethods,
  ...tokenMethods,
  ...transactionMethods,
  ...historyMethods,
};
