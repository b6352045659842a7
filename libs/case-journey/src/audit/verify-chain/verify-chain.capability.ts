import type { Capability } from '../../shared/capability';
import { VerifyChainHttpController } from './verify-chain.http.controller';
import { VerifyCaseChainHandler, VerifyLogHandler } from './verify-chain.query';

export const verifyChainCapability: Capability = {
  controllers: [VerifyChainHttpController],
  providers: [VerifyCaseChainHandler, VerifyLogHandler],
};
