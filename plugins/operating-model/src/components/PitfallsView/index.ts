export { PitfallsView } from './PitfallsView';
