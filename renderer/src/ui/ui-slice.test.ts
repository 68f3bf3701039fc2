import { describe, expect, it } from 'vitest';
import { describeError, fieldLabel } from './ui-slice.ts';

describe('error messages', () => {
  it('name a field as people say it, not by its key', () => {
    expect(fieldLabel('email')).toBe('Email');
    expect(fieldLabel('newPassword')).toBe('New password');
    expect(fieldLabel('admin.email')).toBe('Email');
    expect(fieldLabel('keyTerms.0.label')).toBe('Label');
  });

  it('list what is wrong with each field under the message', () => {
    const { message, details } = describeError({
      code: 'CONFLICT',
      message: 'An account with this email already exists.',
      fields: { email: ['This email is already in use.'], '(input)': ['Check the form.'] },
    });
    expect(message).toBe('An account with this email already exists.');
    expect(details).toEqual(['Email: This email is already in use.', 'Check the form.']);
  });
});
