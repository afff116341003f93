// Provider-neutral webhook logic shared by the AloVoice and Telediscount triggers.
export * from './body';
export * from './ip';
export * from './security';
export * from './events';
export * from './answers';
export * from './route';
