// The static data of the public federation benchmark (graphql-hive/graphql-gateways-benchmark, subgraphs/*.rs),
// so our figures answer the same question as its published table.

/** An account of the accounts subgraph. */
export interface Account {
  id: string;
  name: string;
  username: string;
  birthday: number;
}

/** A product as the products subgraph owns it. */
export interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
}

/** A review as the reviews subgraph owns it. */
export interface Review {
  id: string;
  body: string;
  productUpc: string;
}

const names: [string, string][] = [
  ['Uri Goldshtein', 'urigo'],
  ['Dotan Simha', 'dotansimha'],
  ['Kamil Kisiela', 'kamilkisiela'],
  ['Arda Tanrikulu', 'ardatan'],
  ['Gil Gardosh', 'gilgardosh'],
  ['Laurin Quast', 'laurin'],
];
export const accounts: Account[] = names.map(([name, username], i) => ({ id: String(i + 1), name, username, birthday: 1234567890 }));

const catalogue: [string, number, number][] = [
  ['Table', 899, 100],
  ['Couch', 1299, 1000],
  ['Glass', 15, 20],
  ['Chair', 499, 100],
  ['TV', 1299, 1000],
  ['Lamp', 6999, 300],
  ['Grill', 3999, 2000],
  ['Fridge', 100000, 6000],
  ['Sofa', 9999, 800],
];
export const products: Product[] = catalogue.map(([name, price, weight], i) => ({ upc: String(i + 1), name, price, weight }));

/** In stock per upc (inventory subgraph). */
export const inStock: Record<string, boolean> = { 1: true, 2: false, 3: false, 4: false, 5: true, 6: true, 7: true, 8: false, 9: true };

const lorem =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.';
const sedUt =
  'Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugi';
const sedQuia =
  'sed quia consequuntur magni dolores eos qui ratione voluptatem sequi nesciunt. Neque porro quisquam est, qui dolorem ipsum quia dolor sit amet, consectetur, adipisci velit, sed quia non numquam eius modi tempora incidunt ut labore et dolore magnam aliquam quaerat voluptatem.';
const utEnim = 'Ut enim ad minima veniam, quis nostrum exercitationem ullam corporis suscipit laboriosam, nisi ut aliquid ex ea commodi consequatur? Quis autem';
const atVero =
  'At vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium voluptatum deleniti atque corrupti quos dolores et quas molestias excepturi sint occaecati cupiditate non provident, similique sunt in culpa qui officia deserunt mollitia animi, id est laborum et dolorum fuga. Et harum quidem rerum facilis est et expedita distinctio. Nam libero tempore, cum soluta nobis est eligendi optio cumque nihil impedit quo minus id quod maxime placeat facere possimus, omnis voluptas assumenda est, omnis dolor repellendus. Temporibus autem quibusdam et aut officiis debitis aut rerum necessitatibus saepe eveniet ut et voluptates repudiandae sint et molestiae non recusandae. Itaque earum rerum hic tenetur a sapiente delectus, ut aut reiciendis voluptatibus maiores alias consequatur aut perferendis doloribus asperiores repellat.';
const written: [string, string][] = [
  [lorem, '1'], [sedUt, '1'], [sedQuia, '1'], [utEnim, '1'],
  [lorem, '2'], [sedUt, '2'], [sedQuia, '2'], [utEnim, '2'],
  [utEnim, '3'], [utEnim, '4'], [atVero, '4'],
];
export const reviews: Review[] = written.map(([body, productUpc], i) => ({ id: String(i + 1), body, productUpc }));
