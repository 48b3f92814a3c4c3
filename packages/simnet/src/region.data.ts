// Ohio: real city names, ZIP codes and telephone area codes, plus the words business
// names are built from. Other states appear only for namesakes.

export interface City {
  name: string;
  zips: string[];
  areaCodes: string[];
  /** Weight: bigger cities hold more businesses. */
  weight: number;
  /** Short code used in ISP reverse-DNS names (AT&T/Verizon style). */
  code: string;
}

export const REGION = { state: 'OH', stateName: 'Ohio' } as const;

export const CITIES: City[] = [
  { name: 'Columbus', zips: ['43215', '43201', '43206', '43212', '43219', '43230'], areaCodes: ['614', '380'], weight: 18, code: 'clmboh' },
  { name: 'Cleveland', zips: ['44113', '44114', '44102', '44106', '44109'], areaCodes: ['216'], weight: 14, code: 'clevoh' },
  { name: 'Cincinnati', zips: ['45202', '45203', '45206', '45219', '45242'], areaCodes: ['513'], weight: 13, code: 'cncnoh' },
  { name: 'Toledo', zips: ['43604', '43606', '43615', '43623'], areaCodes: ['419', '567'], weight: 7, code: 'toldoh' },
  { name: 'Akron', zips: ['44308', '44303', '44313', '44333'], areaCodes: ['330', '234'], weight: 6, code: 'akrnoh' },
  { name: 'Dayton', zips: ['45402', '45409', '45419', '45459'], areaCodes: ['937'], weight: 6, code: 'dytnoh' },
  { name: 'Parma', zips: ['44129', '44134'], areaCodes: ['440'], weight: 2, code: 'clevoh' },
  { name: 'Canton', zips: ['44702', '44708', '44718'], areaCodes: ['330'], weight: 3, code: 'cntnoh' },
  { name: 'Youngstown', zips: ['44503', '44512'], areaCodes: ['330'], weight: 2, code: 'ygtnoh' },
  { name: 'Lorain', zips: ['44052', '44053'], areaCodes: ['440'], weight: 1, code: 'clevoh' },
  { name: 'Hamilton', zips: ['45011', '45013'], areaCodes: ['513'], weight: 1, code: 'cncnoh' },
  { name: 'Springfield', zips: ['45502', '45503'], areaCodes: ['937'], weight: 1, code: 'dytnoh' },
  { name: 'Kettering', zips: ['45429', '45440'], areaCodes: ['937'], weight: 1, code: 'dytnoh' },
  { name: 'Elyria', zips: ['44035'], areaCodes: ['440'], weight: 1, code: 'clevoh' },
  { name: 'Lakewood', zips: ['44107'], areaCodes: ['216'], weight: 1, code: 'clevoh' },
  { name: 'Cuyahoga Falls', zips: ['44221', '44223'], areaCodes: ['330'], weight: 1, code: 'akrnoh' },
  { name: 'Dublin', zips: ['43017', '43016'], areaCodes: ['614'], weight: 2, code: 'clmboh' },
  { name: 'Westerville', zips: ['43081', '43082'], areaCodes: ['614'], weight: 2, code: 'clmboh' },
  { name: 'Mentor', zips: ['44060'], areaCodes: ['440'], weight: 1, code: 'clevoh' },
  { name: 'Mansfield', zips: ['44902', '44906'], areaCodes: ['419'], weight: 1, code: 'mnfdoh' },
  { name: 'Newark', zips: ['43055'], areaCodes: ['740', '220'], weight: 1, code: 'nwrkoh' },
  { name: 'Lima', zips: ['45801', '45805'], areaCodes: ['419'], weight: 1, code: 'limaoh' },
  { name: 'Zanesville', zips: ['43701'], areaCodes: ['740'], weight: 1, code: 'znvloh' },
  { name: 'Athens', zips: ['45701'], areaCodes: ['740'], weight: 1, code: 'athnoh' },
  { name: 'Findlay', zips: ['45840'], areaCodes: ['419'], weight: 1, code: 'fndloh' },
  { name: 'Sandusky', zips: ['44870'], areaCodes: ['419'], weight: 1, code: 'sndsoh' },
  { name: 'Delaware', zips: ['43015'], areaCodes: ['740'], weight: 1, code: 'clmboh' },
  { name: 'Marion', zips: ['43302'], areaCodes: ['740'], weight: 1, code: 'mrnnoh' },
];

/** Towns in other states where namesakes live. */
export const OTHER_TOWNS = [
  { city: 'Austin', state: 'TX', zip: '78701', areaCode: '512' },
  { city: 'Tampa', state: 'FL', zip: '33602', areaCode: '813' },
  { city: 'Denver', state: 'CO', zip: '80202', areaCode: '303' },
  { city: 'Raleigh', state: 'NC', zip: '27601', areaCode: '919' },
  { city: 'Phoenix', state: 'AZ', zip: '85004', areaCode: '602' },
  { city: 'Portland', state: 'OR', zip: '97204', areaCode: '503' },
  { city: 'Nashville', state: 'TN', zip: '37203', areaCode: '615' },
  { city: 'Springfield', state: 'IL', zip: '62701', areaCode: '217' },
] as const;

export interface Industry {
  word: string;
  sic: string;
  label: string;
  /** Retail-like businesses sell online more often. */
  retail: boolean;
}

export const INDUSTRIES: Industry[] = [
  { word: 'Plumbing', sic: '1711', label: 'Plumbing, Heating & Air-Conditioning', retail: false },
  { word: 'Heating & Cooling', sic: '1711', label: 'Plumbing, Heating & Air-Conditioning', retail: false },
  { word: 'Electric', sic: '1731', label: 'Electrical Work', retail: false },
  { word: 'Roofing', sic: '1761', label: 'Roofing, Siding & Sheet Metal Work', retail: false },
  { word: 'Construction', sic: '1542', label: 'General Contractors-Nonresidential', retail: false },
  { word: 'Dental', sic: '8021', label: 'Offices & Clinics of Dentists', retail: false },
  { word: 'Family Medicine', sic: '8011', label: 'Offices & Clinics of Doctors of Medicine', retail: false },
  { word: 'Chiropractic', sic: '8041', label: 'Offices & Clinics of Chiropractors', retail: false },
  { word: 'Law Group', sic: '8111', label: 'Legal Services', retail: false },
  { word: 'CPA', sic: '8721', label: 'Accounting, Auditing & Bookkeeping', retail: false },
  { word: 'Insurance Agency', sic: '6411', label: 'Insurance Agents, Brokers & Service', retail: false },
  { word: 'Realty', sic: '6531', label: 'Real Estate Agents & Managers', retail: false },
  { word: 'Auto Repair', sic: '7538', label: 'General Automotive Repair Shops', retail: false },
  { word: 'Bakery', sic: '5461', label: 'Retail Bakeries', retail: true },
  { word: 'Grill', sic: '5812', label: 'Eating Places', retail: false },
  { word: 'Animal Hospital', sic: '0742', label: 'Veterinary Services', retail: false },
  { word: 'Landscaping', sic: '0782', label: 'Lawn & Garden Services', retail: false },
  { word: 'Printing', sic: '2752', label: 'Commercial Printing, Lithographic', retail: true },
  { word: 'Machine Works', sic: '3599', label: 'Industrial Machinery, NEC', retail: false },
  { word: 'Trucking', sic: '4213', label: 'Trucking, Except Local', retail: false },
  { word: 'Florist', sic: '5992', label: 'Florists', retail: true },
  { word: 'Hardware', sic: '5251', label: 'Hardware Stores', retail: true },
  { word: 'Engineering', sic: '8711', label: 'Engineering Services', retail: false },
  { word: 'Salon', sic: '7231', label: 'Beauty Shops', retail: true },
  { word: 'Fitness', sic: '7991', label: 'Physical Fitness Facilities', retail: false },
  { word: 'Marketing', sic: '8742', label: 'Management Consulting Services', retail: false },
  { word: 'IT Solutions', sic: '7373', label: 'Computer Integrated Systems Design', retail: false },
  { word: 'Plastics', sic: '3089', label: 'Plastics Products, NEC', retail: false },
  { word: 'Brewing Company', sic: '2082', label: 'Malt Beverages', retail: true },
  { word: 'Boutique', sic: '5621', label: "Women's Clothing Stores", retail: true },
];

export const SURNAMES = [
  'Miller', 'Schmidt', 'Kowalski', 'Johnson', 'Baker', 'Hoffman', 'Carter', 'Reynolds', 'Novak', 'Sullivan',
  'Fischer', 'Keller', 'Dunn', 'Patel', 'Nguyen', 'Russo', 'Brennan', 'Walsh', 'Yoder', 'Stoltzfus',
  'Meyer', 'Becker', 'Graham', 'Turner', 'Price', 'Hughes', 'Lang', 'Weber', 'Foster', 'Wagner',
  'Kramer', 'Zimmerman', 'Harmon', 'Sandoval', 'Okafor', 'Lindqvist', 'Marchetti', 'Abbott', 'Castillo', 'Donovan',
];

export const PLACE_WORDS = [
  'Buckeye', 'Lakeshore', 'Cuyahoga', 'Scioto', 'Maumee', 'Olentangy', 'Riverside', 'Heartland', 'Great Lakes',
  'Miami Valley', 'Western Reserve', 'Tri-County', 'Summit', 'Keystone', 'Pioneer', 'Frontier', 'Northcoast', 'Midwest',
];

export const ADJECTIVES = ['Precision', 'Reliable', 'Premier', 'Allied', 'United', 'Advanced', 'Quality', 'Superior', 'Elite', 'Family'];

export const STREETS = [
  'Main St', 'High St', 'Broad St', 'Market St', 'Euclid Ave', 'Detroit Ave', 'Vine St', 'Madison Ave', 'Oak St',
  'Elm St', 'Cleveland Ave', 'Riverside Dr', 'Lorain Rd', 'Dixie Hwy', 'State Route 4', 'Sawmill Rd', 'Far Hills Ave',
];

export const LEGAL_SUFFIXES = ['', '', '', ' LLC', ' Inc', ' Inc.', ', LLC', ' Co.', ' Ltd'];
