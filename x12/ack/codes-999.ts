/** IK501 / AK901 acknowledgment codes (X12 elements 717 and 715). */
export const ACK_CODE: Readonly<Record<string, string>> = {
  A: 'Accepted',
  E: 'Accepted But Errors Were Noted',
  M: 'Rejected, Message Authentication Code (MAC) Failed',
  P: 'Partially Accepted, At Least One Transaction Set Was Rejected',
  R: 'Rejected',
  W: 'Rejected, Assurance Failed Validity Tests',
  X: 'Rejected, Content After Decryption Could Not Be Analyzed',
};

/** IK304 implementation segment syntax error codes (element 620). */
export const SEGMENT_ERROR: Readonly<Record<string, string>> = {
  '1': 'Unrecognized segment ID',
  '2': 'Unexpected segment',
  '3': 'Required Segment Missing',
  '4': 'Loop Occurs Over Maximum Times',
  '5': 'Segment Exceeds Maximum Use',
  '6': 'Segment Not in Defined Transaction Set',
  '7': 'Segment Not in Proper Sequence',
  '8': 'Segment Has Data Element Errors',
  I4: 'Implementation "Not Used" Segment Present',
  I6: 'Implementation Dependent Segment Missing',
  I7: 'Implementation Loop Occurs Under Minimum Times',
  I8: 'Implementation Segment Below Minimum Use',
  I9: 'Implementation Dependent "Not Used" Segment Present',
};

/** IK403 implementation data element syntax error codes (element 621). */
export const ELEMENT_ERROR: Readonly<Record<string, string>> = {
  '1': 'Required Data Element Missing',
  '2': 'Conditional Required Data Element Missing',
  '3': 'Too Many Data Elements',
  '4': 'Data Element Too Short',
  '5': 'Data Element Too Long',
  '6': 'Invalid Character In Data Element',
  '7': 'Invalid Code Value',
  '8': 'Invalid Date',
  '9': 'Invalid Time',
  '10': 'Exclusion Condition Violated',
  '12': 'Too Many Repetitions',
  '13': 'Too Many Components',
  I6: 'Code Value Not Used in Implementation',
  I9: 'Implementation Dependent Data Element Missing',
  I10: 'Implementation "Not Used" Data Element Present',
  I11: 'Implementation Too Few Repetitions',
  I12: 'Implementation Pattern Match Failure',
  I13: 'Implementation Dependent "Not Used" Data Element Present',
};

/** IK502-IK506 implementation transaction set syntax error codes (element 618). */
export const TRANSACTION_SET_ERROR: Readonly<Record<string, string>> = {
  '1': 'Transaction Set Not Supported',
  '2': 'Transaction Set Trailer Missing',
  '3': 'Transaction Set Control Number in Header and Trailer Do Not Match',
  '4': 'Number of Included Segments Does Not Match Actual Count',
  '5': 'One or More Segments in Error',
  '6': 'Missing or Invalid Transaction Set Identifier',
  '7': 'Missing or Invalid Transaction Set Control Number',
  '8': 'Authentication Key Name Unknown',
  '9': 'Encryption Key Name Unknown',
  '10': 'Requested Service (Authentication or Encrypted) Not Available',
  '11': 'Unknown Security Recipient',
  '12': 'Incorrect Message Length (Encryption Only)',
  '13': 'Message Authentication Code Failed',
  '15': 'Unknown Security Originator',
  '16': 'Syntax Error in Decrypted Text',
  '17': 'Security Not Supported',
  '18': 'Transaction Set not in Functional Group',
  '19': 'Invalid Transaction Set Implementation Convention Reference',
  '23': 'Transaction Set Control Number Not Unique within the Functional Group',
  '24': 'S3E Security End Segment Missing for S3S Security Start Segment',
  '25': 'S3S Security Start Segment Missing for S3E Security End Segment',
  '26': 'S4E Security End Segment Missing for S4S Security Start Segment',
  '27': 'S4S Security Start Segment Missing for S4E Security End Segment',
  I6: 'Implementation Convention Not Supported',
};
