/**
 * Built-in word lists the turn analysis falls back on. A module adds its own confusion and
 * mastery phrases; these defaults catch what any learner might say in any module.
 * Everything is lowercase and apostrophe-free, as `tokenize` produces it.
 */

/** Things a lost learner says. Matched nearly verbatim (`matchesSequence`). */
export const DEFAULT_CONFUSION_PHRASES: readonly string[] = [
  'i dont know',
  'dont know',
  'idk',
  'dunno',
  'no idea',
  'no clue',
  'not sure',
  'im lost',
  'i am lost',
  'still lost',
  'so lost',
  'totally lost',
  'completely lost',
  'lost me',
  'confused',
  'confusing',
  'dont understand',
  'do not understand',
  'dont get it',
  'do not get it',
  'dont see',
  'doesnt make sense',
  'makes no sense',
  'what do you mean',
  'i give up',
  'im stuck',
  'i am stuck',
  'stuck',
  'help me',
  'explain again',
  'say that again',
  'huh',
  'no idea what',
  'not following',
  'too hard',
];

/** Things a learner says when an idea has clicked. */
export const DEFAULT_MASTERY_PHRASES: readonly string[] = [
  'i get it',
  'i got it',
  'got it',
  'i see',
  'makes sense',
  'that makes sense',
  'i understand',
  'now i understand',
  'it clicked',
  'oh right',
  'ah right',
  'that explains',
];

/** Requests to be handed the answer instead of working it out. */
export const ANSWER_REQUEST_PHRASES: readonly string[] = [
  'just tell me',
  'tell me the answer',
  'tell me what it is',
  'tell me what the answer is',
  'whats the answer',
  'what is the answer',
  'what is the right answer',
  'what is the correct answer',
  'whats the right answer',
  'whats the correct answer',
  'give me the answer',
  'just give me',
  'just give it',
  'give me the solution',
  'show me the answer',
  'just say it',
  'just explain it',
  'can you just explain',
  'i want the answer',
  'need the answer',
  'skip to the answer',
  'tell me already',
  'spoil it',
];

/** Words that open a question even when the learner leaves off the question mark. */
export const QUESTION_OPENERS = new Set([
  'what', 'whats', 'why', 'whys', 'how', 'hows', 'when', 'where', 'wheres', 'who', 'whos', 'whom',
  'which', 'whose', 'can', 'could', 'is', 'isnt', 'are', 'arent', 'does', 'doesnt', 'do', 'dont',
  'did', 'didnt', 'would', 'wouldnt', 'should', 'shouldnt', 'will', 'was', 'wasnt', 'were', 'may',
  'might', 'shall', 'has', 'have',
]);

/**
 * Everyday topics far from any module of the course. A turn about one of these, with no word
 * from the module's own vocabulary, is off topic. The module vocabulary is checked first, so
 * "game" is on topic in the video games module.
 */
export const OFF_TOPIC_WORDS = new Set([
  'game', 'games', 'gaming', 'fortnite', 'minecraft', 'roblox', 'food', 'pizza', 'burger', 'lunch',
  'dinner', 'breakfast', 'snack', 'hungry', 'eat', 'eating', 'cake', 'weather', 'rain', 'raining',
  'sunny', 'snow', 'snowing', 'cold', 'hot', 'football', 'soccer', 'basketball', 'baseball',
  'cricket', 'tennis', 'dog', 'dogs', 'cat', 'cats', 'puppy', 'kitten', 'pet', 'pets', 'holiday',
  'vacation', 'weekend', 'party', 'birthday', 'girlfriend', 'boyfriend', 'crush', 'shopping',
  'shoes', 'clothes', 'car', 'cars', 'anime', 'pokemon', 'bored', 'boring', 'sleep', 'sleepy',
  'tired', 'beach', 'gym', 'workout',
]);

/**
 * Words that carry no subject matter: they neither put a turn on topic nor off it.
 * ("I think maybe yes" is not off topic; it is a guess with nothing in it.)
 */
export const FILLER_WORDS = new Set([
  'think', 'maybe', 'guess', 'yes', 'yeah', 'yep', 'nope', 'okay', 'ok', 'okey', 'well', 'mean',
  'know', 'because', 'cause', 'cos', 'since', 'though', 'also', 'too', 'actually', 'basically',
  'probably', 'perhaps', 'sure', 'right', 'wrong', 'true', 'false', 'hmm', 'hm', 'umm', 'um', 'uh',
  'oh', 'ah', 'lol', 'haha', 'yes', 'please', 'thanks', 'thank', 'hello', 'hi', 'hey', 'get',
  'got', 'make', 'makes', 'made', 'say', 'said', 'tell', 'told', 'want', 'need', 'answer',
  'question', 'idea', 'ideas', 'sense', 'understand', 'explain', 'again', 'still', 'now', 'yet',
  'because', 'but', 'not', 'no', 'dont', 'doesnt', 'didnt', 'isnt', 'wasnt', 'cant', 'im', 'its',
  'thats', 'theres', 'lets', 'good', 'bad', 'great', 'cool', 'nice', 'fine', 'much', 'many', 'lot',
  'lots', 'stuff', 'way', 'ways', 'one', 'two', 'first', 'else', 'other', 'another', 'same',
  'different', 'different', 'more', 'less', 'all', 'any', 'every', 'each', 'even', 'only',
  'going', 'gonna', 'wanna', 'kinda', 'sorta', 'talk', 'talking', 'something', 'anything',
  'nothing', 'everything', 'someone', 'anyone', 'people', 'person', 'time', 'today', 'yesterday',
]);

/**
 * Common English words beyond the stopwords: recognising one of them tells the nonsense check
 * that the learner wrote real words, even when none of them is on topic.
 */
export const COMMON_WORDS = new Set([
  'yes', 'no', 'ok', 'okay', 'hmm', 'hm', 'um', 'uh', 'oh', 'ah', 'lol', 'idk', 'tv', 'pc', 'cd',
  'dvd', 'pr', 'ad', 'ads', 'www', 'bbc', 'cnn', 'fm', 'hd', 'vr', 'ai', 'tbh', 'imo', 'k', 'x',
  'why', 'when', 'where', 'because', 'but', 'if', 'not', 'all', 'any', 'more', 'most', 'less',
  'new', 'old', 'good', 'bad', 'big', 'small', 'long', 'short', 'fast', 'slow', 'hard', 'easy',
  'work', 'world', 'life', 'home', 'school', 'day', 'year', 'week', 'help', 'know', 'think', 'see',
  'look', 'use', 'used', 'find', 'give', 'take', 'come', 'go', 'get', 'make', 'want', 'need',
  'say', 'tell', 'ask', 'try', 'feel', 'seem', 'keep', 'let', 'put', 'mean', 'show', 'hear',
  'play', 'run', 'move', 'live', 'believe', 'bring', 'happen', 'write', 'read', 'learn', 'change',
  'lead', 'understand', 'watch', 'follow', 'stop', 'create', 'speak', 'allow', 'add', 'spend',
  'grow', 'open', 'walk', 'win', 'offer', 'remember', 'love', 'consider', 'appear', 'buy', 'wait',
  'serve', 'die', 'send', 'expect', 'build', 'stay', 'fall', 'cut', 'reach', 'kill', 'remain',
  'great', 'little', 'own', 'other', 'right', 'high', 'different', 'large', 'next', 'early',
  'young', 'important', 'few', 'public', 'same', 'able', 'yeah', 'maybe', 'sure', 'thanks',
  'please', 'sorry', 'hello', 'hi', 'hey', 'cool', 'nice', 'fine', 'true', 'false', 'wrong',
  'people', 'person', 'time', 'way', 'thing', 'man', 'woman', 'child', 'children', 'government',
  'company', 'money', 'question', 'answer', 'idea', 'problem', 'place', 'family', 'friend',
  'friends', 'phone', 'internet', 'news', 'book', 'books', 'music', 'film', 'movie', 'show',
  'radio', 'paper', 'picture', 'photo', 'word', 'words', 'story', 'power', 'control', 'free',
  'also', 'very', 'much', 'many', 'still', 'again', 'never', 'always', 'often', 'sometimes',
  'really', 'actually', 'probably', 'basically', 'well', 'now', 'here', 'why', 'lost', 'stuck',
]);

/** Rows of a keyboard: long runs along one of them are mashing, not words. */
export const KEYBOARD_ROWS: readonly string[] = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
