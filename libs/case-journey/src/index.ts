export * from './domain/index';
export * from './case-journey.module';
export * from './shared/decision-runner';
export * from './case/get-case/case-summary.entity';
export * from './case/get-case/case-summary.projection';
