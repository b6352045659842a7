import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '@windscreen/config';
import { FailedLoginMonitor } from './failed-login-monitor';
import { JWT_SECRET, JwtAuthGuard, TOKEN_POLICY } from './jwt-auth.guard';
import { tokenPolicyOf } from './tokens';
import { resolveJwtSecret } from './jwt-secret';

@Global()
@Module({
  providers: [
    { provide: JWT_SECRET, inject: [APP_CONFIG], useFactory: (config: AppConfig) => resolveJwtSecret(config) },
    {
      provide: FailedLoginMonitor,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new FailedLoginMonitor({ threshold: config.authFailureThreshold, windowMs: config.authFailureWindowMs }),
    },
    { provide: TOKEN_POLICY, inject: [APP_CONFIG], useFactory: tokenPolicyOf },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  exports: [JWT_SECRET],
})
export class AuthModule {}
