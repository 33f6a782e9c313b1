/**
 * Top-level domains an email address may end in. Deliberately a closed list, so that retina asset
 * names (`logo@2x.png`), hosts (`user@localhost`) and junk (`a@b.c1`) are never taken for addresses.
 *
 * Country codes: every delegated ISO 3166 ccTLD plus `ac`, `eu`, `su` and `uk`. Generic: the ~150 that
 * real contacts use. The reserved `.example` (RFC 2606) is accepted on purpose: our sandbox CRMs and
 * fixtures use addresses like `jane.doe@acme-robotics.example`. `.test`, `.invalid` and `.localhost`
 * stay rejected.
 */
const COUNTRY_CODES =
  'ac ad ae af ag ai al am ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bm bn bo bq br bs bt bw by ' +
  'bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg er es et eu fi fj ' +
  'fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie il im in io ' +
  'iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma mc md me mg ' +
  'mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om pa pe pf pg ph ' +
  'pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sk sl sm sn so sr ss st su sv sx sy ' +
  'sz tc td tf tg th tj tk tl tm tn to tr tt tv tw tz ua ug uk us uy uz va vc ve vg vi vn vu wf ws ye yt za ' +
  'zm zw';

const GENERIC =
  'com org net edu gov mil int info biz name pro mobi aero coop museum jobs travel tel asia cat post ' +
  'app dev page cloud tech online site website store shop blog news media agency digital email solutions ' +
  'services systems network software company consulting group global world live life today studio design ' +
  'art law legal health care clinic dental finance financial capital fund money bank insurance ventures ' +
  'partners holdings enterprises industries international management marketing careers work works team ' +
  'center academy education school university college institute training support help tools zone space ' +
  'xyz top club vip one fun icu buzz link click guru ninja rocks social chat community events expert ' +
  'exchange express farm foundation gallery games gmbh graphics house immo inc ltd llc limited land love ' +
  'menu mba nyc london berlin paris tokyo amsterdam wien koeln hamburg bayern swiss africa eco energy ' +
  'engineering estate family fashion film fitness florist football gift golf green hospital hosting host ' +
  'investments jetzt kitchen lawyer loans luxury market moda photo photography pics pizza plus press ' +
  'productions properties property realty red rent rentals repair report restaurant review reviews run ' +
  'sale salon science security shoes show ski solar sport style supply surf tax taxi technology tips ' +
  'tours town toys trade vacations video vision watch win wine wiki wtf yoga ' +
  'google amazon apple microsoft ibm example';

/** Lower-case TLDs, without the dot. */
export const EMAIL_TLDS: ReadonlySet<string> = new Set(`${COUNTRY_CODES} ${GENERIC}`.split(' '));
