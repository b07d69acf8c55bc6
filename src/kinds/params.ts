/** The common params domains, for claim files (which import kinds, generators and the paper only). */
export { NO_PARAMS, STEP_PARAMS } from '../engine/contract/params.js';
