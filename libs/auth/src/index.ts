export * from './auth.decorators';
export * from './auth.module';
export * from './failed-login-monitor';
export * from './jwt-auth.guard';
export * from './jwt-secret';
export * from './tokens';
