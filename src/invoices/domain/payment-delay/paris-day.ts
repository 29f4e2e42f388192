// Calendar day and time of day in Europe/Paris, where the legal delays are counted: part of the platform calendar.
export { parisDay, type ParisDay } from '../../../platform/calendar/index.ts';
