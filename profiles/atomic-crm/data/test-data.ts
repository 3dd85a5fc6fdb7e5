import type { Faker } from '@faker-js/faker';
import { newFaker } from '../../../fixtures/data/faker.js';
import { DEAL_CATEGORIES, SECTORS, TASK_TYPES, type CompanyData, type ContactData, type DealData, type TaskData } from './records.js';

export interface AtomicTestDataOptions {
  /** this test's seed: the same seed gives the same records */
  seed: number;
  /** unique per run and test; on every name so repeated runs never collide */
  tag: string;
  /** the browser's time zone (Playwright's `timezoneId`), for due dates relative to today */
  timeZone: string;
}

/**
 * Seeded records for one Atomic CRM flow: faker for what does not matter, overrides for what the
 * flow is about (`data.deal({ company: acme.name, amount: 48_250 })`). English only: the demo's
 * seeded data and labels are English.
 */
export class AtomicTestData {
  readonly faker: Faker;
  readonly tag: string;
  private readonly timeZone: string;

  constructor(options: AtomicTestDataOptions) {
    this.tag = options.tag;
    this.timeZone = options.timeZone;
    this.faker = newFaker('en');
    this.faker.seed(options.seed);
  }

  company(overrides: Partial<CompanyData> = {}): CompanyData {
    return {
      name: `${this.faker.company.name()} ${this.tag}`,
      sector: this.faker.helpers.arrayElement(SECTORS),
      city: this.faker.location.city(),
      ...overrides,
    };
  }

  contact(overrides: Partial<ContactData> = {}): ContactData {
    const firstName = this.faker.person.firstName();
    const lastName = `${this.faker.person.lastName()}-${this.tag}`;
    return {
      firstName,
      lastName,
      title: this.faker.person.jobTitle(),
      email: this.faker.internet.email({ firstName, lastName: this.tag, provider: 'example.com' }).toLowerCase(),
      ...overrides,
    };
  }

  /** A deal of `company`, with a non-round amount between 10,000 and 99,999 unless given. */
  deal(overrides: Partial<DealData> & Pick<DealData, 'company'>): DealData {
    return {
      name: `${this.faker.commerce.productName()} ${this.tag}`,
      amount: this.faker.number.int({ min: 10_001, max: 99_999 }),
      category: this.faker.helpers.arrayElement(DEAL_CATEGORIES),
      ...overrides,
    };
  }

  note(): string {
    return `${this.faker.lorem.sentence()} [${this.tag}]`;
  }

  /**
   * A task due tomorrow (in the browser's time zone) shortly after midnight, so that it heads the
   * dashboard's "Tomorrow" group, which shows five tasks before "Load more".
   */
  task(overrides: Partial<TaskData> = {}): TaskData {
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone }).format(new Date(Date.now() + 24 * 3600 * 1000));
    const minute = String(this.faker.number.int({ min: 1, max: 59 })).padStart(2, '0');
    return {
      description: `${this.faker.hacker.verb()} the ${this.faker.hacker.noun()} ${this.tag}`,
      type: this.faker.helpers.arrayElement(TASK_TYPES),
      due: `${tomorrow}T00:${minute}`,
      ...overrides,
    };
  }
}
