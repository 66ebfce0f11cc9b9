export { AnnotationProblemsView } from './AnnotationProblemsView';
export { AnnotationProblemsPanel } from './ProblemFix';
