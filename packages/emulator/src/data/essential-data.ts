/**
 * Essential data every data set starts with (SAP creates the like during initialization):
 * languages, currencies, units, the standard user groups, `admin` and `anonymous`.
 * Loaded through the emulator's own ImpEx importer.
 */
export const ESSENTIAL_DATA_IMPEX = `# Essential data: loaded for every data set
# Languages first: the [lang=…] columns below need them when their header is read
INSERT_UPDATE Language;isocode[unique=true];active[default=true]
;en
;de
;fr
;ja

UPDATE Language;isocode[unique=true];name[lang=en];name[lang=de];name[lang=ja]
;en;English;Englisch;英語
;de;German;Deutsch;ドイツ語
;fr;French;Französisch;フランス語
;ja;Japanese;Japanisch;日本語

INSERT_UPDATE Currency;isocode[unique=true];symbol;digits;conversion;active[default=true];base[default=false];name[lang=en]
;EUR;€;2;1;;true;Euro
;USD;$;2;1.08;;;US Dollar
;JPY;¥;0;161.5;;;Japanese Yen

INSERT_UPDATE Unit;code[unique=true];unitType;conversion;name[lang=en];name[lang=de]
;pieces;pieces;1;pieces;Stück
;kg;weight;1;kilogram;Kilogramm

INSERT_UPDATE UserGroup;uid[unique=true];locName[lang=en];description
;admingroup;Administrators;Members may do everything
;employeegroup;Employees;
;customergroup;Customers;

INSERT_UPDATE Employee;uid[unique=true];name;groups(uid);sessionLanguage(isocode)
;admin;Administrator;admingroup,employeegroup;en

INSERT_UPDATE Customer;uid[unique=true];name;groups(uid);customerID
;anonymous;Anonymous;customergroup;anonymous
`;
