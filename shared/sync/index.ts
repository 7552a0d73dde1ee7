export * from './protocol';
export * from './merge';
export * from './checksum';
export * from './cursor';
