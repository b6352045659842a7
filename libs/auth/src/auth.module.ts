import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { FailedLoginMonitor } from './failed-login-monitor';
import { JWT_SECRET, JwtAuthGuard } from './jwt-auth.guard';
import { resolveJwtSecret } from './jwt-secret';

@Global()
@Module({
  providers: [
    { provide: JWT_SECRET, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveJwtSecret(config) },
    {
      provide: FailedLoginMonitor,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new FailedLoginMonitor({ threshold: config.authFailureThreshold, windowMs: config.authFailureWindowMs }),
    },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [JWT_SECRET],
})
export class AuthModule {}
