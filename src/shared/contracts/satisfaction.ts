import { z } from 'zod';
import { limits } from '../limits.js';
import { idSchema, timestamp } from './common.js';

/**
 * The satisfaction question at the end of a chat (setting `portal.satisfactionSurvey`):
 *   GET  /api/portal/{slug}/requests/{id}/rating   → customerRatingSchema (visitor token)
 *   POST /api/portal/{slug}/requests/{id}/rating   rateChatBody → 201 ratingSchema; once per chat (409 already_rated)
 *   GET  /api/v1/support-ratings/summary           ratingSummaryQuery → ratingSummarySchema (reports.read)
 */

export const ratingSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  createdAt: timestamp,
});
export type Rating = z.infer<typeof ratingSchema>;

export const customerRatingSchema = z.object({
  asked: z.boolean().describe('the question is shown: a chat a technician held, closed, with the setting on'),
  rating: ratingSchema.nullable().describe('the answer given, if any (one per chat)'),
});
export type CustomerRating = z.infer<typeof customerRatingSchema>;

export const rateChatBody = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(limits.ratingComment).optional().nullable(),
});
export type RateChat = z.infer<typeof rateChatBody>;

export const ratingSummaryQuery = z.object({
  from: z.iso.date().optional().describe('first day, UTC (YYYY-MM-DD)'),
  to: z.iso.date().optional().describe('last day, UTC, included'),
  companyId: idSchema.optional(),
});

const figures = {
  count: z.number().int(),
  average: z.number().nullable().describe('mean score, two decimals; null without ratings'),
  distribution: z.array(z.number().int()).length(5).describe('how many ratings of 1, 2, 3, 4 and 5'),
};
export type RatingFigures = { count: number; average: number | null; distribution: number[] };

export const ratingSummarySchema = z.object({
  total: z.object(figures),
  byTechnician: z.array(z.object({ technician: z.object({ id: z.uuid(), name: z.string() }).nullable(), ...figures })),
  byCompany: z.array(z.object({ company: z.object({ id: z.uuid(), name: z.string() }), ...figures })),
});
export type RatingSummary = z.infer<typeof ratingSummarySchema>;
