// Moved to @ledger/readstore, where discipline reads its accountability rows the same way.
export { everyDocument } from '@ledger/readstore';
