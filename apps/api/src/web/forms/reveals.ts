import type { Type } from '@nestjs/common';
import { BY_COURT_ORDER } from '../../../../../libs/case-journey/src/case/closure/closure.decide';
import { CloseCaseRequestDto } from '../../../../../libs/case-journey/src/case/closure/closure.request.dto';
import { RecordConsentRequestDto } from '../../../../../libs/case-journey/src/case/consent/record-consent.request.dto';
import {
  SECURE_SENDING_METHODS,
  SENDING_METHODS,
} from '../../../../../libs/case-journey/src/case/information-sharing/information-sharing.decide';
import {
  AdviceDto,
  PersonInformedDto,
  RecordInformationSentRequestDto,
  RecordInformationSharingDecisionRequestDto,
} from '../../../../../libs/case-journey/src/case/information-sharing/information-sharing.request.dto';
import { RecordMashDecisionRequestDto } from '../../../../../libs/case-journey/src/case/mash/mash.request.dto';
import {
  ConcludeSection47EnquiryRequestDto,
  RecordInitialConferenceRequestDto,
} from '../../../../../libs/case-journey/src/case/section-47/section-47.request.dto';

/** A choice that asks for more: the questions shown under the answers that need them (GOV.UK conditional reveal). */
export interface Reveal {
  /** The radios (or yes/no) question. */
  question: string;
  /** The answers under which the questions are asked. */
  when: readonly string[];
  /** The DTO's own properties, asked only under those answers. */
  ask: string[];
  /** Whether a rule refuses the answer without them (so the form does not call them optional). */
  needed: boolean;
}

/**
 * Which answers ask for more, by request DTO. The rules that refuse a missing answer stay in the
 * domain (R12, R16, R19, R24, R26); this only says where on the form to ask.
 */
export const REVEALS = new Map<Type, Reveal[]>([
  [
    RecordConsentRequestDto,
    [
      { question: 'givenBy', when: ['young_person'], ask: ['gillickCompetent'], needed: false },
      // Notes go with any answer (how consent was given matters too), asked once the answer is chosen.
      { question: 'decision', when: ['given', 'refused', 'withdrawn'], ask: ['notes'], needed: false },
    ],
  ],
  [
    RecordMashDecisionRequestDto,
    [{ question: 'outcome', when: ['specific_provision'], ask: ['provisionName'], needed: true }],
  ],
  [
    CloseCaseRequestDto,
    [
      { question: 'reason', when: ['RC2'], ask: ['dateOfDeath'], needed: true },
      { question: 'reason', when: BY_COURT_ORDER, ask: ['courtReference'], needed: true },
    ],
  ],
  [ConcludeSection47EnquiryRequestDto, [{ question: 'icpcNeeded', when: ['true'], ask: ['icpcDate'], needed: true }]],
  [
    RecordInformationSharingDecisionRequestDto,
    [
      { question: 'consentSought', when: ['true'], ask: ['consentAnswer'], needed: true },
      // Needed only for a decision to share: the rule (R19) says so when it is.
      { question: 'basis', when: ['without_consent'], ask: ['judgement'], needed: false },
      {
        question: 'specialCategoryData',
        when: ['true'],
        ask: ['article9Condition', 'schedule1Condition'],
        needed: false,
      },
    ],
  ],
  [
    PersonInformedDto,
    [
      { question: 'told', when: ['false'], ask: ['notToldReason'], needed: true },
      { question: 'told', when: ['false'], ask: ['notToldDetails'], needed: false },
    ],
  ],
  [
    AdviceDto,
    [
      { question: 'sought', when: ['true'], ask: ['from'], needed: true },
      { question: 'sought', when: ['true'], ask: ['name'], needed: false },
    ],
  ],
  [
    RecordInformationSentRequestDto,
    [
      {
        question: 'method',
        when: SENDING_METHODS.filter((method) => !SECURE_SENDING_METHODS.includes(method)),
        ask: ['insecureMethodReason'],
        needed: true,
      },
    ],
  ],
  [
    RecordInitialConferenceRequestDto,
    [{ question: 'decision', when: ['child_protection_plan'], ask: ['category'], needed: true }],
  ],
]);
