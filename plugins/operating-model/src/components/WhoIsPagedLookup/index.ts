export { WhoIsPagedLookup } from './WhoIsPagedLookup';
