export * from './returns-record';
export * from './cin-census';
export * from './census-export';
export * from './census-validation';
export * from './annex-a';
export * from './annex-a-export';
export * from './returns-log-reader';
export * from './write-returns';
