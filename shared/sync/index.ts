export * from './protocol';
export * from './merge';
export * from './checksum';
export * from './cursor';
export * from './rebase';
