/** Causes of delay and explanation requests (giải trình): what other features and the routes use. */
export { listCauses, saveCause, setDelayCauses, type CauseInput, type DelayCause } from './causes.js';
export { requestExplanation, answerExplanation, type NewRequest, type Answer } from './requests.js';
export { listRequests, getRequest, taskDelay, type RequestFilter } from './read.js';
export { causesByUnit, answersForTasks, type CauseScope } from './summary.js';
export { scanExplanationReminders } from './reminders.js';
