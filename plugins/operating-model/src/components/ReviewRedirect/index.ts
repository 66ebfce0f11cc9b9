export { ReviewRedirect } from './ReviewRedirect';
export { ReviewLink } from './ReviewLink';
