import type { Grammar } from './grammar.js';

/**
 * Vocabulary shared by attack and benign grammars. Context sentences, names and topics appear
 * in both classes on purpose: they must carry no label signal.
 */
export const SHARED: Grammar = {
  name: ['Alice', 'Bob', 'Priya', 'Chen Wei', 'Fatima', 'Lars', 'María', 'Kenji', 'Olusegun', 'Sophie', 'Dmitri', 'Aisha', 'Tom', 'Gabriela', 'Noah', 'Emma', 'Raj', 'Yuki', 'Liam', 'Zoe', 'Mohammed', 'Hannah'],
  surname: ['Smith', 'Nguyen', 'García', 'Müller', 'Okafor', 'Rossi', 'Kowalski', 'Tanaka', 'Johnson', 'Patel', 'Dubois', 'Silva', 'Andersen', 'Cohen', 'Ivanova'],
  company: ['Acme Corp', 'Globex', 'Initech', 'Northwind Traders', 'Contoso', 'Umbrella Logistics', 'Blue Harbor Bank', 'Stark Supplies', 'Pinecone Health', 'Vertex Analytics', 'Lumen Airlines', 'Brightside Insurance', 'Orbit Telecom', 'Helios Energy'],
  product: ['the Pro plan', 'the X200 headphones', 'our premium subscription', 'the SmartHome hub', 'the travel insurance package', 'the ergonomic chair', 'the cloud backup add-on', 'the starter kit', 'the 4K monitor', 'the family plan'],
  city: ['Lisbon', 'Nairobi', 'Toronto', 'Osaka', 'Berlin', 'São Paulo', 'Melbourne', 'Chicago', 'Warsaw', 'Hanoi', 'Dublin', 'Cairo'],
  topic: ['quarterly sales', 'the new onboarding process', 'climate change', 'the history of Rome', 'machine learning basics', 'our vacation policy', 'the product launch', 'photosynthesis', 'the budget for next year', 'remote work', 'the office move', 'a healthy diet', 'the migration to Kubernetes', 'renewable energy', 'the marketing campaign', 'customer churn'],
  day: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'next week', 'tomorrow', 'the 14th', 'end of the month'],
  time: ['9am', '10:30', '2 pm', '15:00', 'noon', '4:45pm'],
  num: ['3', '5', '7', '10', '12', '42', '100', '250', '1,200', '17'],
  preamble: [
    "I'm working on a school project.", 'My manager asked me to sort this out today.', "Context: we're building a chatbot for a bank.",
    "This is for our company's customer support assistant.", 'Quick one before my meeting.', "I'm new to this, so bear with me.",
    "I've been stuck on this for hours.", 'For a presentation tomorrow:', "Background: I'm a nurse, not a techie.",
    'Hope you can help.', 'Following up on our last chat.', 'I run a small online shop.', "I'm writing a blog post.",
    "Just curious.", "We're a team of three developers.", 'This is for my thesis.', "I'm preparing a workshop for colleagues.",
  ],
};

/** Small multilingual phrasebook, hand-written, used by attack and benign grammars alike. */
export const LANGS = ['fr', 'es', 'de', 'it', 'pt', 'nl', 'pl', 'tr', 'ru', 'zh', 'ja', 'id'] as const;
export type Lang = (typeof LANGS)[number];
