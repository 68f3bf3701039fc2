export * from './errors.ts';
export * from './channels.ts';
export * from './access.ts';
export * from './views.ts';
export * from './tutor-views.ts';
